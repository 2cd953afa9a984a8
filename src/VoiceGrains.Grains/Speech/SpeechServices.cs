using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Grains.Speech;

/// <summary>
/// The process-wide speech engines grains share: one VAD model, one recognizer, one voice, one inference pool. A missing
/// model leaves its engine null and the silo has said so at start; a grain that needs it then says it cannot hear.
/// </summary>
public sealed class SpeechServices(InferencePool pool, SileroVadModel? vad, ISpeechRecognizer? recognizer, ITextToSpeechEngine? voice)
{
    public InferencePool Pool { get; } = pool;

    public SileroVadModel? Vad { get; } = vad;

    public ISpeechRecognizer? Recognizer { get; } = recognizer;

    public ITextToSpeechEngine? Voice { get; } = voice;

    /// <summary>The voice's audio of the call's fixed phrases, made at start.</summary>
    public PhraseCache? Phrases { get; init; }

    /// <summary>When the VAD says speech starts and ends (the "Speech:Vad" section).</summary>
    public VadOptions VadOptions { get; init; } = new();

    /// <summary>How much audio before detected speech an utterance keeps, so its first syllable is recognized.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(300);
}
