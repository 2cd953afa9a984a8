namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>A caller line the call has stored (redacted) as turn <paramref name="Seq"/>, and when the caller finished saying it.</summary>
sealed record CallerLine(string Text, int Seq, DateTimeOffset EndedAt);
