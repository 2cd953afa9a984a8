namespace VoiceGrains.Data;

/// <summary>The database keeps money in integer cents; callers hear dollars and cents.</summary>
public static class Money
{
    public static decimal FromCents(int cents) => cents / 100m;

    public static int ToCents(decimal amount) => (int)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
}
