using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace VoiceGrains.Speech.Tts.Piper;

/// <summary>
/// A Piper voice (rhasspy/piper; VITS exported to ONNX): a sentence is phonemized by espeak-ng, turned into the
/// voice's phoneme ids and run through its model with ONNX Runtime, exactly the inputs Piper's own runtime feeds
/// (src/cpp/piper.cpp: <c>input</c> int64 [1, ids], <c>input_lengths</c> [1], <c>scales</c> [noise, length, noise_w],
/// and <c>sid</c> [1] for voices of several speakers); the float samples that come back at the config's rate are
/// scaled by their peak as Piper does. Callers run it on the inference pool, one sentence per job; a cancelled
/// token terminates the run. The model and config are checked against each other when the voice loads.
/// </summary>
public sealed partial class PiperEngine : ITextToSpeechEngine, IDisposable
{
    static readonly string[] Required = ["input", "input_lengths", "scales"];

    readonly InferenceSession session;
    readonly PiperVoiceConfig config;
    readonly PiperPhonemizer phonemizer;
    readonly long? speakerId;
    readonly ILogger logger;

    /// <param name="speaker">A speaker of a voice with several (name or number); null: the first.</param>
    public PiperEngine(string modelPath, string configPath, string name, string? speaker, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        this.logger = logger;
        config = PiperVoiceConfig.Load(configPath);
        Name = name;
        var speakerChosen = config.SpeakerId(speaker);
        // One thread per sentence: the inference pool runs one job per core, so parallelism is across calls.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new PiperVoiceException($"Piper voice model {modelPath} cannot be loaded (corrupt, or not an ONNX model): {e.Message}", e);
        }
        try
        {
            speakerId = CheckInterface(modelPath) ? speakerChosen : null;
            phonemizer = new PiperPhonemizer(new EspeakEngine(config.EspeakVoice), config);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public int SampleRate => config.SampleRate;

    public PiperVoiceConfig Config => config;

    public float[] Synthesize(string sentence, CancellationToken cancellationToken)
    {
        var phonemes = phonemizer.ToIds(sentence);
        if (phonemes.Missing.Count > 0)
        {
            Log.MissingPhonemes(logger, Name, phonemes.DescribeMissing());
        }
        return Run(phonemes.Ids, cancellationToken);
    }

    /// <summary>The model's audio for phoneme ids, peak-scaled; empty when cancelled.</summary>
    float[] Run(long[] ids, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var terminate = cancellationToken.Register(() => runOptions.Terminate = true);
        float[] scales = [config.NoiseScale, config.LengthScale, config.NoiseW];
        long[] lengths = [ids.Length];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var inputLengths = OrtValue.CreateTensorValueFromMemory(lengths, [1]);
        using var scalesValue = OrtValue.CreateTensorValueFromMemory(scales, [3]);
        using var sid = speakerId is { } id ? OrtValue.CreateTensorValueFromMemory(new[] { id }, [1]) : null;
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input"] = input,
            ["input_lengths"] = inputLengths,
            ["scales"] = scalesValue,
        };
        if (sid is not null)
        {
            inputs["sid"] = sid;
        }
        try
        {
            using var outputs = session.Run(runOptions, inputs, session.OutputNames);
            return PeakScaled(outputs[0].GetTensorDataAsSpan<float>());
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    public void Dispose() => session.Dispose();

    /// <summary>True when the model takes a speaker id. Refuses a model whose inputs are not a Piper voice's, or not this config's.</summary>
    bool CheckInterface(string modelPath)
    {
        var inputs = session.InputMetadata;
        var lacking = Required.Where(name => !inputs.ContainsKey(name)).ToList();
        if (lacking.Count > 0 || inputs["input"].ElementType != typeof(long))
        {
            throw new PiperVoiceException(
                $"{modelPath} is not a Piper voice: its inputs are {string.Join(", ", inputs.Keys)}; a Piper voice takes input (int64), input_lengths and scales.");
        }
        var takesSpeaker = inputs.ContainsKey("sid");
        if (takesSpeaker != config.SpeakerCount > 1)
        {
            throw new PiperVoiceException(takesSpeaker
                ? $"The config says one speaker but {modelPath} takes a speaker id (sid): the config is not this model's."
                : $"The config says {config.SpeakerCount} speakers but {modelPath} takes no speaker id (sid): the config is not this model's.");
        }
        if (session.OutputMetadata.Count != 1)
        {
            throw new PiperVoiceException($"{modelPath} is not a Piper voice: it has {session.OutputMetadata.Count} outputs, a Piper voice one (its audio).");
        }
        return takesSpeaker;
    }

    /// <summary>Piper scales each sentence to its peak (never by more than 100×, so near-silence stays quiet).</summary>
    static float[] PeakScaled(ReadOnlySpan<float> audio)
    {
        var peak = 0.01f;
        foreach (var sample in audio)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }
        var samples = new float[audio.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = Math.Clamp(audio[i] / peak, -1f, 1f);
        }
        return samples;
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Voice {Voice} has no id for some phonemes of a sentence (skipped, as Piper does): {Missing}")]
        public static partial void MissingPhonemes(ILogger logger, string voice, string missing);
    }
}
