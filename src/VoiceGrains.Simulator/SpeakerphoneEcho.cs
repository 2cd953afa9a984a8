namespace VoiceGrains.Simulator;

/// <summary>
/// A caller on speakerphone: the agent's voice, as the phone plays it, comes back into the microphone
/// <see cref="LossDb"/> quieter after <see cref="Delay"/>, mixed with whatever the caller says.
/// </summary>
public sealed record SpeakerphoneEcho(double LossDb, TimeSpan Delay)
{
    /// <summary>What is wrong with this echo, or null when it can be simulated.</summary>
    public string? Problem() =>
        LossDb is < 0 or > 60 ? $"An echo's loss runs from 0 to 60 dB, not {LossDb}."
        : Delay < TimeSpan.FromMilliseconds(20) || Delay > TimeSpan.FromSeconds(1) ? $"An echo's delay runs from 20 ms to 1 s, not {Delay.TotalMilliseconds} ms."
        : null;
}
