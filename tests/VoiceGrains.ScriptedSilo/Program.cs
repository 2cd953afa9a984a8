using VoiceGrains.Data;
using VoiceGrains.ScriptedSilo;
using VoiceGrains.Silo;

// TEST-ONLY: the production silo, hearing callers through ScriptedCallRecognizerForTests because Whisper's weights
// cannot reach this workplace. The production silo executable has no way to choose it.
try
{
    // The production silo's settings are copied beside this assembly; `dotnet run` (the app host) would otherwise
    // look for them in this project's folder.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddServiceDefaults();
    builder.AddVoiceGrainsSilo(ScriptedCallRecognizerForTests.FromConfiguration);

    var app = builder.Build();
    app.CheckSettings();
    app.MapDefaultEndpoints();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is DatabaseSetupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"voicegrains-scripted-silo: {e.Message}");
    return 2;
}
