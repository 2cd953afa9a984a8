namespace VoiceGrains.Simulator;

/// <summary>What the caller does in one line of a call script.</summary>
public enum ScriptLineKind
{
    /// <summary>Words the simulator speaks with the built-in voice.</summary>
    Say,

    /// <summary>A WAV file played as the caller's voice.</summary>
    Audio,

    /// <summary>Keys pressed on the phone (DTMF).</summary>
    Keys,
}

/// <summary>
/// One caller turn. <see cref="BargeIn"/>: spoken while the agent is still talking instead of after it finishes.
/// <see cref="Text"/> is the words, the WAV file's full path, or the keys.
/// </summary>
public sealed record ScriptLine(ScriptLineKind Kind, string Text, bool BargeIn);
