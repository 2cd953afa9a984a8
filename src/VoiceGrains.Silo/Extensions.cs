using Orleans.Configuration;
using VoiceGrains.Contracts;
using VoiceGrains.Conversation;
using VoiceGrains.Data;
using VoiceGrains.Grains.Calls;
using VoiceGrains.Grains.Speech;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;

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
        builder.Services.AddVoiceGrainsConversation(builder.Configuration);
        builder.Services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section);

        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
        // Audio is real time: the pulling agents look for new messages every 5 ms instead of Orleans' 100 ms, which
        // otherwise adds up to 100 ms to every hop (measured: barge-in "clear" p50 97 ms before, see BENCHMARKS.md).
        builder.UseOrleans(silo => silo.AddMemoryStreams(StreamNames.AudioProvider, streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5)))));
        builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("orleans-silo");
        return builder;
    }

    /// <summary>
    /// The speech engines calls share: one inference pool sized to the cores, the VAD model and the Whisper
    /// recognizer (or the host's own), each only when its model is installed (the start-up check says which are missing).
    /// </summary>
    static void AddVoiceGrainsSpeech(this IHostApplicationBuilder builder, Func<IServiceProvider, ISpeechRecognizer>? recognizer)
    {
        builder.Services.AddSingleton<SpeechSettings>();
        builder.Services.AddHostedService<SpeechModelCheck>();
        builder.Services.AddSingleton(_ => new InferencePool(builder.Configuration.GetValue<int?>("Speech:InferenceConcurrency")));
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<SpeechSettings>();
            var pool = services.GetRequiredService<InferencePool>();
            bool Ready(VoiceGrains.Speech.Models.ModelEntry model) => SpeechSettings.IsUsable(model) && settings.Store.IsInstalled(model);
            return new SpeechServices(
                pool,
                Ready(settings.Vad) ? new SileroVadModel(settings.Store.PathOf(settings.Vad)) : null,
                recognizer?.Invoke(services) ?? (Ready(settings.Recognizer)
                    ? new WhisperTranscriber(settings.Store.PathOf(settings.Recognizer), new WhisperOptions { Model = settings.Recognizer.Name }, pool)
                    : null),
                BuiltInVoice(services.GetRequiredService<ILoggerFactory>().CreateLogger("VoiceGrains.Silo.Speech")))
            {
                VadOptions = VadSettings(builder.Configuration),
            };
        });
    }

    /// <summary>The "Speech:Vad" section over the defaults; out-of-range values stop the silo at start with a message.</summary>
    static VadOptions VadSettings(IConfiguration configuration)
    {
        var options = configuration.GetSection("Speech:Vad").Get<VadOptions>() ?? new VadOptions();
        options.Validate();
        return options;
    }

    /// <summary>espeak-ng, when libespeak-ng is installed; otherwise no voice, said once at start.</summary>
    static EspeakEngine? BuiltInVoice(ILogger logger)
    {
        try
        {
            return new EspeakEngine();
        }
        catch (InvalidOperationException e)
        {
            logger.LogError("No voice: {Reason}", e.Message);
            return null;
        }
    }
}
