using System.Collections.Concurrent;
using VoiceGrains.Speech.Inference;
using Whisper.net;

namespace VoiceGrains.Speech.Stt;

/// <summary>
/// Whisper through Whisper.net: the model is loaded once per process; processors (each holding its own decoder
/// state, not thread-safe) are pooled and reused; every transcription runs on the <see cref="InferencePool"/>.
/// A processor whose run was cancelled or failed is disposed rather than reused.
/// </summary>
public sealed class WhisperTranscriber : ISpeechRecognizer, IAsyncDisposable
{
    /// <summary>Whisper's input rate.</summary>
    public const int SampleRate = 16000;

    readonly WhisperFactory factory;
    readonly WhisperOptions options;
    readonly InferencePool pool;
    readonly ConcurrentBag<WhisperProcessor> idle = [];

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
        try
        {
            var result = await pool.RunAsync("stt", token => RecognizeAsync(samples, token), timeout.Token);
            var segments = result.Value;
            return new Transcription(
                string.Join(' ', segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0)),
                segments,
                options.Language,
                TimeSpan.FromSeconds((double)samples.Length / SampleRate),
                result.QueueWait,
                result.Inference);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Transcription took longer than {options.Timeout.TotalSeconds:0.#} s and was abandoned.");
        }
    }

    async Task<List<TranscriptSegment>> RecognizeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var processor = idle.TryTake(out var pooled) ? pooled : Build();
        try
        {
            var segments = new List<TranscriptSegment>();
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
            {
                segments.Add(new TranscriptSegment(segment.Start, segment.End, segment.Text, segment.Probability));
            }
            idle.Add(processor);
            return segments;
        }
        catch
        {
            await processor.DisposeAsync();
            throw;
        }
    }

    WhisperProcessor Build()
    {
        var builder = factory.CreateBuilder().WithThreads(options.Threads);
        builder = options.Language == "auto" ? builder.WithLanguageDetection() : builder.WithLanguage(options.Language);
        if (!string.IsNullOrWhiteSpace(options.Prompt))
        {
            builder = builder.WithPrompt(options.Prompt);
        }
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var processor))
        {
            await processor.DisposeAsync();
        }
        factory.Dispose();
    }
}
