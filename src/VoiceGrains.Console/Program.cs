using VoiceGrains.Console;
using VoiceGrains.Console.Analytics;
using VoiceGrains.Console.Calls;
using VoiceGrains.Console.Campaigns;
using VoiceGrains.Console.Components;
using VoiceGrains.Console.Security;
using VoiceGrains.Console.Softphone;
using VoiceGrains.Console.Surveys;
using VoiceGrains.Data;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddVoiceGrainsConsole();

    var app = builder.Build();
    // Problem details without internals, as on the front end; a request that could not be read keeps its 4xx.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();
    app.UseWebSockets();
    app.MapDefaultEndpoints();
    app.MapStaticAssets().AllowAnonymous();
    app.MapSignOut();
    app.MapCallsApi();
    app.MapCampaignsApi();
    app.MapDoNotCallApi();
    app.MapSurveysApi();
    app.MapListenIn();
    app.MapSoftphone();
    app.MapAnalyticsApi();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is DatabaseSetupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    await System.Console.Error.WriteLineAsync($"voicegrains-console: {e.Message}");
    return 2;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
