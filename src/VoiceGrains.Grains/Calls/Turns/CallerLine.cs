namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// A caller line the call has stored (redacted) as turn <paramref name="Seq"/>, when the caller finished saying it, and
/// whether it was keyed on the keypad instead.
/// </summary>
sealed record CallerLine(string Text, int Seq, DateTimeOffset EndedAt, bool Keyed = false);
