using System.Collections.Concurrent;
using VoiceGrains.Speech.Inference;
using Whisper.net;

namespace VoiceGrains.Speech.Stt;

/// <summary>
/// Whisper through Whisper.net: the model is loaded once per process; processors (each holding its own decoder
/// state, not thread-safe, and built for one audio context size) are pooled per size and reused; every transcription
/// runs on the <see cref="InferencePool"/>, over a context fitted to the utterance (<see cref="AudioContextSize"/>)
/// unless configured otherwise, and again over the full window if the fitted one made the decoder loop
/// (<see cref="RepetitionGuard"/>). A processor whose run was cancelled or failed is disposed rather than reused.
/// </summary>
public sealed class WhisperTranscriber : ISpeechRecognizer, IAsyncDisposable
{
    /// <summary>Whisper's input rate.</summary>
    public const int SampleRate = 16000;

    readonly WhisperFactory factory;
    readonly WhisperOptions options;
    readonly InferencePool pool;
    readonly ConcurrentDictionary<int, ConcurrentBag<WhisperProcessor>> idle = new();

    public WhisperTranscriber(string modelPath, WhisperOptions options, InferencePool pool)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        this.options = options;
        this.pool = pool;
        factory = WhisperFactory.FromPath(modelPath);
    }

    /// <summary>Transcribes 16 kHz mono samples; cancelled by the token or by <see cref="WhisperOptions.Timeout"/>.</summary>
    public async Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var audio = TimeSpan.FromSeconds((double)samples.Length / SampleRate);
        var context = options.FitAudioContext ? AudioContextSize.For(audio, options.AudioContextMargin) : AudioContextSize.Full;
        try
        {
            var result = await pool.RunAsync("stt", token => RecognizeAsync(samples, context, token), timeout.Token);
            var (queueWait, inference) = (result.QueueWait, result.Inference);
            if (context < AudioContextSize.Full && RepetitionGuard.Loops(TextOf(result.Value)))
            {
                context = AudioContextSize.Full;
                result = await pool.RunAsync("stt", token => RecognizeAsync(samples, context, token), timeout.Token);
                (queueWait, inference) = (queueWait + result.QueueWait, inference + result.Inference);
            }
            return new Transcription(TextOf(result.Value), result.Value, options.Language, audio, queueWait, inference, context);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Transcription took longer than {options.Timeout.TotalSeconds:0.#} s and was abandoned.");
        }
    }

    static string TextOf(IEnumerable<TranscriptSegment> segments) =>
        string.Join(' ', segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));

    async Task<List<TranscriptSegment>> RecognizeAsync(ReadOnlyMemory<float> samples, int context, CancellationToken cancellationToken)
    {
        var processors = idle.GetOrAdd(context, _ => []);
        var processor = processors.TryTake(out var pooled) ? pooled : Build(context);
        try
        {
            var segments = new List<TranscriptSegment>();
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
            {
                segments.Add(new TranscriptSegment(segment.Start, segment.End, segment.Text, segment.Probability));
            }
            processors.Add(processor);
            return segments;
        }
        catch
        {
            await processor.DisposeAsync();
            throw;
        }
    }

    WhisperProcessor Build(int context)
    {
        var builder = factory.CreateBuilder().WithThreads(options.Threads);
        if (context < AudioContextSize.Full)
        {
            builder = builder.WithAudioContextSize(context);
        }
        builder = options.Language == "auto" ? builder.WithLanguageDetection() : builder.WithLanguage(options.Language);
        if (!string.IsNullOrWhiteSpace(options.Prompt))
        {
            builder = builder.WithPrompt(options.Prompt);
        }
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processors in idle.Values)
        {
            while (processors.TryTake(out var processor))
            {
                await processor.DisposeAsync();
            }
        }
        factory.Dispose();
    }
}
