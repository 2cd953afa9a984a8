namespace VoiceGrains.Testing;

/// <summary>
/// Time zones picked for the hour a test runs in, so calling windows are met with real time: the IANA fixed-offset
/// zones "Etc/GMT±N" (whose sign is inverted: Etc/GMT-3 is three hours ahead of UTC).
/// </summary>
public static class FixedOffsetZones
{
    /// <summary>A zone whose local hour is <paramref name="hour"/> now (offsets −12 … +11 cover every hour).</summary>
    public static string WhereTheHourIs(int hour)
    {
        var offset = ((hour - DateTimeOffset.UtcNow.Hour) % 24 + 24 + 12) % 24 - 12;
        return offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
    }
}
