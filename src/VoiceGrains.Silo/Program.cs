using VoiceGrains.Data;
using VoiceGrains.Silo;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddVoiceGrainsSilo();

    var app = builder.Build();
    app.CheckSettings();
    app.MapDefaultEndpoints();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is DatabaseSetupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A setting or schema problem no retry can fix: one clear line, no stack trace, nothing half-started.
    await Console.Error.WriteLineAsync($"voicegrains-silo: {e.Message}");
    return 2;
}
