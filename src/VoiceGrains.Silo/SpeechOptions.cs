namespace VoiceGrains.Silo;

/// <summary>The silo's inference pool ("Speech" section); the VAD and Whisper have sections of their own beneath it.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>Inference jobs (VAD, recognition, synthesis) run at once; unset, one per core.</summary>
    public int? InferenceConcurrency { get; set; }
}
