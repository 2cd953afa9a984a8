using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using VoiceGrains.Contracts;
using VoiceGrains.Conversation;
using VoiceGrains.Data;
using VoiceGrains.Data.Customers;
using VoiceGrains.Grains;
using VoiceGrains.Grains.Calls;
using VoiceGrains.Grains.Campaigns;
using VoiceGrains.Grains.Messaging;
using VoiceGrains.Grains.Speech;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;
using VoiceGrains.Telephony;

namespace VoiceGrains.Silo;

public static class Extensions
{
    /// <summary>
    /// The Orleans silo on PostgreSQL. Clustering, grain storage and reminders are ADO.NET providers chosen by
    /// configuration (the "Orleans" section: appsettings.json here, or what the Aspire app host sets); the
    /// database is waited for, and migrated in development, before Orleans starts. Calls are heard by Whisper
    /// (the configured model) unless a host passes another <paramref name="recognizer"/>: only code can, never
    /// configuration (the test host's scripted recognizer).
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsSilo(this IHostApplicationBuilder builder, Func<IServiceProvider, ISpeechRecognizer>? recognizer = null)
    {
        builder.AddVoiceGrainsDatabase();

        builder.Services.AddOptions<DatabaseStartupOptions>().BindConfiguration(DatabaseStartupOptions.Section);
        // Registered before UseOrleans: hosted services start in order, so Orleans finds its tables ready.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddVoiceGrainsSpeech(recognizer);
        // The conversation agent: Claude when an Anthropic key is configured, the offline engine otherwise.
        builder.Services.AddVoiceGrainsConversation();
        builder.Services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section)
            .Validate(o => o.SilencePrompt > TimeSpan.Zero && o.KeypadPause > TimeSpan.Zero && o.NeverConnectedGrace > TimeSpan.Zero,
                "Calls:SilencePrompt, Calls:KeypadPause and Calls:NeverConnectedGrace must be positive")
            .Validate(o => string.IsNullOrWhiteSpace(o.SalesNumber) || PhoneNumber.IsE164(o.SalesNumber), "Calls:SalesNumber must be an E.164 number")
            .Validate(o => string.IsNullOrWhiteSpace(o.TransferNumber) || PhoneNumber.IsE164(o.TransferNumber),
                "Calls:TransferNumber must be an E.164 number, e.g. +15550100099")
            .ValidateOnStart();
        builder.Services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.Section)
            .Validate(o => o.UnconfirmedDialGrace >= TimeSpan.FromSeconds(10), "Campaigns:UnconfirmedDialGrace must be at least 10 seconds")
            .ValidateOnStart();
        builder.Services.TryAddKeyedSingleton(CampaignGrain.ClockKey, TimeProvider.System);
        // Transfers and texts go through the carrier's REST API (the "Twilio" section); without it a transfer is refused and
        // the caller hears an apology, and a text is recorded as failed.
        builder.AddTwilioCallControl();
        builder.Services.AddHostedService<NeverConnectedCalls>();
        // Texts (appointment confirmations and reminders) go out from every silo, through the same Twilio account.
        builder.Services.AddOptions<TextMessageOptions>().BindConfiguration(TextMessageOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryAfter > TimeSpan.Zero && o.MaxAttempts is >= 1 and <= 10,
                "Texts:PollInterval and Texts:RetryAfter must be positive, Texts:MaxAttempts between 1 and 10")
            .ValidateOnStart();
        builder.Services.AddSingleton<TextMessageDelivery>();
        builder.Services.AddHostedService<TextMessageSender>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
        // Audio is real time: the pulling agents look for new messages every 5 ms instead of Orleans' 100 ms, which
        // otherwise adds up to 100 ms to every hop (measured: barge-in "clear" p50 97 ms before, see BENCHMARKS.md).
        // Clients name and partition the providers the same way (Contracts' ClusterClientSetup).
        builder.UseOrleans(silo => silo
            .AddMemoryStreams(StreamNames.AudioProvider, streams =>
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5))))
            // The operators' live view: one stream, so one queue; its agent hands a subscriber up to 100 waiting updates
            // at once rather than one per round trip.
            .AddMemoryStreams(StreamNames.LiveProvider, streams =>
            {
                streams.ConfigurePartitioning(1);
                streams.ConfigurePullingAgent(agent => agent.Configure(o =>
                {
                    o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20);
                    o.BatchContainerBatchSize = 100;
                }));
            })
            .AddIncomingGrainCallFilter<DatabaseExceptionFilter>());
        builder.Services.AddOptions<ClusterHealthOptions>().BindConfiguration(ClusterHealthOptions.Section)
            .Validate(o => o.ExpectedSilos is >= 1 and <= 1000, "Cluster:ExpectedSilos must be between 1 and 1000")
            .ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("orleans-silo");
        return builder;
    }

    /// <summary>
    /// The speech settings, checked at start (a wrong value stops the silo naming the setting), and the engines calls
    /// share, loaded at start by <see cref="SpeechStartup"/>: one inference pool sized to the cores, the VAD model,
    /// Whisper (or the host's own recognizer), the built-in voice.
    /// </summary>
    static void AddVoiceGrainsSpeech(this IHostApplicationBuilder builder, Func<IServiceProvider, ISpeechRecognizer>? recognizer)
    {
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section);
        builder.Services.AddSingleton(services => ModelStore.Default(services.GetRequiredService<IOptions<ModelOptions>>().Value.Directory));
        builder.Services.AddOptions<SpeechOptions>().BindConfiguration(SpeechOptions.Section)
            .Validate(o => o.InferenceConcurrency is null or (>= 1 and <= 256), "Speech:InferenceConcurrency must be between 1 and 256")
            .Validate(o => IsVoice(o.Voice),
                "Speech:Voice must be piper:VOICE with a voice of Piper's catalogue (voicegrains models list --voices), e.g. piper:en_US-lessac-medium, or espeak-ng:VOICE, e.g. espeak-ng:en-us")
            .ValidateOnStart();
        // One pool for every engine of the silo (and a host's own recognizer), disposed with the container.
        builder.Services.AddSingleton(services => new InferencePool(services.GetRequiredService<IOptions<SpeechOptions>>().Value.InferenceConcurrency));
        builder.Services.AddOptions<VadOptions>().BindConfiguration("Speech:Vad")
            .Validate(o => o.Problem() is null,
                "Speech:Vad: thresholds must satisfy 0 < NegativeThreshold <= Threshold < 1, and MinSpeech, MinInterruption, MinSilence and SpeechPad cannot be negative")
            .Validate(o => IsModel(o.Model, "vad"), "Speech:Vad:Model must name a voice activity model of models/models.json, e.g. silero-vad")
            .ValidateOnStart();
        builder.Services.AddOptions<WhisperOptions>().BindConfiguration("Speech:Whisper")
            .Validate(o => IsModel(o.Model, "stt"), "Speech:Whisper:Model must name a Whisper model of models/models.json, e.g. whisper-tiny.en (test stubs are refused)")
            .Validate(o => o.Threads is >= 1 and <= 64, "Speech:Whisper:Threads must be between 1 and 64")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Speech:Whisper:Timeout must be positive")
            .Validate(o => o.AudioContextMargin is >= 0 and <= AudioContextSize.Full, "Speech:Whisper:AudioContextMargin must be between 0 and 1500 encoder frames")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Language), "Speech:Whisper:Language must be a language code or auto")
            .ValidateOnStart();
        if (recognizer is not null)
        {
            builder.Services.AddSingleton(recognizer);
        }
        builder.Services.AddSingleton<SpeechStartup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SpeechStartup>());
        builder.Services.AddSingleton(services => services.GetRequiredService<SpeechStartup>().Engines);
    }

    /// <summary>A model of the product's catalog of this kind (the tests' weightless stub is not in it, so it never serves calls).</summary>
    static bool IsModel(string name, string kind) => ModelCatalog.All.Any(m => m.Name == name && m.Kind == kind);

    static bool IsVoice(string? voice)
    {
        try
        {
            return VoiceName.Parse(voice!) is var name && (!name.IsPiper || IsModel(name.ModelName, "tts"));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
