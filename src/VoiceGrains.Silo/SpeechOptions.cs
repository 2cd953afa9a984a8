using VoiceGrains.Speech.Models;

namespace VoiceGrains.Silo;

/// <summary>The silo's voice and inference pool ("Speech" section); the VAD and Whisper have sections of their own beneath it.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>Inference jobs (VAD, recognition, synthesis) run at once; unset, one per core.</summary>
    public int? InferenceConcurrency { get; set; }

    /// <summary>
    /// The agent's voice: piper:VOICE (a voice of Piper's catalogue, installed with voicegrains models fetch piper:VOICE;
    /// piper:VOICE/SPEAKER for a voice of several speakers) or espeak-ng:VOICE, the built-in voice, which also speaks
    /// whenever the Piper voice is not installed or cannot load (the silo logs why).
    /// </summary>
    public string Voice { get; set; } = PiperVoiceCatalog.DefaultVoice;
}
