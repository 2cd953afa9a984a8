using System.Text.RegularExpressions;

namespace VoiceGrains.Data.Customers;

/// <summary>E.164 numbers, the only form the customers table accepts (its CHECK has the same pattern).</summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    /// <summary>False for withheld or malformed caller ids ("anonymous", "+266696687" stays valid E.164).</summary>
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);
}
