namespace VoiceGrains.Frontend.Recordings;

/// <summary>Where call recordings go and how long they are kept ("Recordings" section).</summary>
public sealed class RecordingOptions
{
    public const string Section = "Recordings";

    /// <summary>The folder for the WAV files; a relative path is under the front end's content root.</summary>
    public string Directory { get; set; } = "recordings";

    /// <summary>Recordings older than this are deleted; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 30;
}
