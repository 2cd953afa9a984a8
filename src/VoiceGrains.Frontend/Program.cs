using VoiceGrains.Data;
using VoiceGrains.Frontend;
using VoiceGrains.Frontend.Calls;
using VoiceGrains.Frontend.MediaStreams;
using VoiceGrains.Frontend.Twilio;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddVoiceGrainsFrontend();

    var app = builder.Build();
    app.CheckSettings();
    // Problem details without internals in every environment: the Development environment's exception page (which
    // WebApplication adds on its own, outermost) showed the stack, source paths and request headers, signatures
    // included, on the surface Twilio and strangers reach. This handler sits inside it and answers first.
    app.UseExceptionHandler();
    app.UseWebSockets();
    app.MapDefaultEndpoints();
    app.MapCallsApi();
    app.MapTwilio();
    app.MapMediaStreams();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is DatabaseSetupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"voicegrains-frontend: {e.Message}");
    return 2;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
