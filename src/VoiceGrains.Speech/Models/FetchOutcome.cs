namespace VoiceGrains.Speech.Models;

public enum FetchOutcome
{
    /// <summary>Already there with the pinned size and hash.</summary>
    AlreadyInstalled,
    CopiedFromMirror,
    Downloaded,
}
