using VoiceGrains.Data;
using VoiceGrains.Frontend;
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
    // included, on the surface Twilio and strangers reach. This handler sits inside it and answers first. A request
    // that could not be read (a query value of the wrong type, a body past its limit) keeps its 4xx.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    app.UseWebSockets();
    app.MapDefaultEndpoints();
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
