using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceGrains.Console.Live;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data;
using VoiceGrains.Telephony;

namespace VoiceGrains.Console;

public static class Extensions
{
    /// <summary>
    /// The operators' surface: an Orleans client of the cluster and the database, the REST API and the Blazor console
    /// (interactive server rendering, Fluent UI), all behind sign-in (<see cref="OperatorAuthentication"/>).
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsConsole(this IHostApplicationBuilder builder)
    {
        builder.AddVoiceGrainsDatabase();
        // Calls' audio (listen-in) and live updates come on the cluster's stream providers.
        builder.AddVoiceGrainsClusterClient();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveCalls>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveCalls>());
        builder.AddOperatorAuthentication();
        builder.AddTwilioCallControl();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Outcomes as the calls table spells them ("no_answer"); other enums in camel case. The first converter that
            // takes a type wins, so the specific one goes first.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<CallOutcome>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddProblemDetails();
        return builder;
    }
}
