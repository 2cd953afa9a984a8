namespace VoiceGrains.Speech.Tts;

/// <summary>A voice: turns one sentence of speakable text into mono float PCM at <see cref="SampleRate"/>.</summary>
public interface ITextToSpeechEngine
{
    string Name { get; }

    int SampleRate { get; }

    /// <summary>Synthesizes one sentence; stops early (returning what it has) when the token is cancelled.</summary>
    float[] Synthesize(string sentence, CancellationToken cancellationToken);
}
