using System.Security.Cryptography;

namespace VoiceGrains.Conversation;

/// <summary>
/// The one-time code texted to a customer's phone on file during a call: six random digits, good for
/// <see cref="Lifetime"/> and <see cref="MaxTries"/> tries, compared in constant time. It lives only in the call's
/// session; a call that moves to another silo texts a new one if it still needs it.
/// </summary>
public sealed class TextedCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const int MaxTries = 3;

    readonly string code;
    readonly DateTimeOffset expires;
    int tries;

    TextedCode(string code, DateTimeOffset expires)
    {
        this.code = code;
        this.expires = expires;
    }

    /// <summary>The digits to text.</summary>
    public string Digits => code;

    public static TextedCode Issue(DateTimeOffset now) => new(RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), now + Lifetime);

    /// <summary>Whether <paramref name="said"/> (its digits) is the code, while it is still good; every try counts.</summary>
    public TextedCodeCheck Check(string said, DateTimeOffset now)
    {
        if (now > expires || tries >= MaxTries)
        {
            return TextedCodeCheck.Spent;
        }
        tries++;
        var digits = new string([.. (said ?? "").Where(char.IsAsciiDigit)]);
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(digits), System.Text.Encoding.ASCII.GetBytes(code))
            ? TextedCodeCheck.Matches
            : tries >= MaxTries ? TextedCodeCheck.Spent : TextedCodeCheck.Wrong;
    }
}
