using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceGrains.Console.Live;
using VoiceGrains.Console.Security;
using VoiceGrains.Console.Softphone;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data;
using VoiceGrains.Data.Customers;
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
        builder.Services.AddOptions<SoftphoneOptions>().BindConfiguration(SoftphoneOptions.Section)
            .Validate(o => o.FrontEndUrl is null || o.FrontEndUrl.IsAbsoluteUri && (o.FrontEndUrl.Scheme == Uri.UriSchemeHttp || o.FrontEndUrl.Scheme == Uri.UriSchemeHttps),
                "Softphone:FrontEndUrl must be the front end's http(s) address, e.g. http://127.0.0.1:5080")
            .Validate(o => PhoneNumber.IsE164(o.CalledNumber), "Softphone:CalledNumber must be an E.164 number, e.g. +15550100000")
            .Validate(o => o.AccessTokenLifetime >= TimeSpan.FromMinutes(1) && o.AccessTokenLifetime <= TimeSpan.FromHours(24),
                "Softphone:AccessTokenLifetime must be between 1 minute and 24 hours (Twilio's limit)")
            .Validate(o => o.TwilioEnabled || new[] { o.TwimlAppSid, o.ApiKeySid, o.ApiKeySecret }.All(string.IsNullOrWhiteSpace),
                "Twilio WebRTC calling needs all of Softphone:TwimlAppSid, Softphone:ApiKeySid and Softphone:ApiKeySecret")
            .ValidateOnStart();
        builder.Services.AddSingleton<SoftphoneCalls>();
        builder.Services.AddScoped<Campaigns.CampaignControl>();
        builder.Services.AddSingleton<TwilioVoiceTokens>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Outcomes as the calls table spells them ("no_answer"); other enums in camel case. The first converter that
            // takes a type wins, so the specific one goes first.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<CallOutcome>(JsonNamingPolicy.SnakeCaseLower));
            // Campaigns' words as their tables spell them too ("lead_qualification", "opted_out").
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<CampaignKind>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<CampaignStatus>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<ContactState>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<DoNotCallSource>(JsonNamingPolicy.SnakeCaseLower));
            // Surveys' and leads' as theirs ("yes_no", "demo_booked").
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<Data.Surveys.SurveyKind>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<Data.Surveys.QuestionKind>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<Data.Surveys.LeadGrade>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter<Data.Leads.LeadNextStep>(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddProblemDetails();
        return builder;
    }
}
