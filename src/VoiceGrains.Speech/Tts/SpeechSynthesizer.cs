using System.Threading.Channels;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// Speaks a reply sentence by sentence as telephone audio: each sentence is made speakable, synthesized on the
/// inference pool, resampled to 8 kHz, μ-law encoded and written as 20 ms frames followed by a mark. The first
/// sentence plays while the next is synthesized. Cancellation (barge-in) is checked before every frame, so at
/// most one more frame leaves after it. A phrase of the voice's <see cref="PhraseCache"/> is not synthesized again.
/// </summary>
public sealed class SpeechSynthesizer(ITextToSpeechEngine engine, InferencePool pool, PhraseCache? phrases = null)
{
    public async Task SpeakAsync(IAsyncEnumerable<string> sentences, ChannelWriter<SpeechOutput> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(output);
        var index = 0;
        await foreach (var sentence in sentences.WithCancellation(cancellationToken))
        {
            // Synthesis, resampling and encoding all run on the pool: none of it on the caller's (a grain's) scheduler.
            var telephone = (phrases?.Voice == engine ? phrases.Find(sentence) : null)
                ?? (await pool.RunAsync("tts", token => Task.FromResult(PhraseCache.Telephone(engine, sentence, token)), cancellationToken)).Value;
            foreach (var frame in Frames.SplitMuLaw(telephone))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.WriteAsync(new SpeechFrame(frame), cancellationToken);
            }
            await output.WriteAsync(new SentenceSpoken(index++, sentence), cancellationToken);
        }
    }
}
