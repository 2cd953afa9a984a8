namespace VoiceGrains.Audio;

public enum JitterAdd
{
    Accepted,

    /// <summary>That sequence number is already buffered.</summary>
    Duplicate,

    /// <summary>Its turn has passed (played or concealed): dropped.</summary>
    Late,
}
