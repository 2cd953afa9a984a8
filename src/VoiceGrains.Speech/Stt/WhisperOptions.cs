namespace VoiceGrains.Speech.Stt;

/// <summary>How utterances are transcribed ("Speech:Whisper" section).</summary>
public sealed record WhisperOptions
{
    /// <summary>A model name from models/models.json.</summary>
    public string Model { get; init; } = "whisper-tiny.en";

    /// <summary>An ISO 639-1 code, or "auto" to detect it (multilingual models only).</summary>
    public string Language { get; init; } = "en";

    /// <summary>Words to bias recognition towards: the business's product, staff and place names.</summary>
    public string? Prompt { get; init; }

    /// <summary>Threads one transcription uses.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Fit Whisper's audio context to each utterance (<see cref="AudioContextSize"/>) rather than encode the whole 30 s
    /// window: on 2 cores the stub's encoder took ~1.4 s over the window and a fraction of that over a short utterance
    /// (BENCHMARKS.md).
    /// </summary>
    public bool FitAudioContext { get; init; } = true;

    /// <summary>Encoder frames (50 a second) added to a fitted context beyond the utterance's own.</summary>
    public int AudioContextMargin { get; init; } = 32;

    /// <summary>Longest a transcription may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>These options prompted with the business's names (<see cref="WhisperPrompt"/>), unless a prompt is configured.</summary>
    public WhisperOptions PromptedWith(IEnumerable<string> businessNames) =>
        string.IsNullOrWhiteSpace(Prompt) ? this with { Prompt = WhisperPrompt.FromNames(businessNames) } : this;
}
