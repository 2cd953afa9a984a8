namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// What a Twilio call sid looks like: "CA" and 32 lowercase hexadecimal digits (Twilio's SID format: a two-letter
/// prefix naming the resource type and a 32-character hexadecimal id, https://www.twilio.com/docs/glossary/what-is-a-sid).
/// Everything that reaches the cluster from outside carries one; anything else is refused before a grain is touched.
/// </summary>
public static class CallSids
{
    const int Length = 34;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static bool IsValid(string? sid) =>
        sid is { Length: Length } && sid.StartsWith("CA", StringComparison.Ordinal)
        && sid.AsSpan(2).ContainsAnyExcept(LowerHex) is false;
}
