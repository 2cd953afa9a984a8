using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// The second factor a change needs: the identification the caller has not given yet, or a code texted to the phone
/// on file. Asked before the change is described, so a caller confirms once.
/// </summary>
public sealed partial class OfflineDialog
{
    bool mayChange;
    readonly HashSet<string> verifiedBy = [];

    static bool ChangesRecords(Intent intent) => intent is Intent.CancelOrder or Intent.ReturnOrder or Intent.ExchangeOrder or Intent.ChangePayment
        or Intent.ChangeOrderAddress or Intent.UpdateAddress or Intent.UpdateEmail;

    DialogStep SecondFactor()
    {
        if (IdentifyWithClaims() is { } attempt)
        {
            return attempt;
        }
        if (!triedPhone)
        {
            // Caller ID is a factor too: a caller who gave their name and ZIP code from their own phone has two.
            triedPhone = true;
            return new DialogStep.Call(Customer, IdentifyByPhone, Args());
        }
        var other = verifiedBy.Contains("email") ? "your full name and ZIP code"
            : verifiedBy.Contains("name and ZIP code") ? "the email address on your account"
            : "your full name and ZIP code, or the email address on your account";
        return Ask(Awaiting.SecondFactor, $"Before I change anything I need one more check: {other}, or I can text a code to the phone number on your account.");
    }

    /// <summary>A line answering the second-factor question or the code question; null when it does neither.</summary>
    DialogStep? SecondFactorAnswer(Utterance heard)
    {
        if (awaiting == Awaiting.Code && CodeIn(heard) is { } code)
        {
            return new DialogStep.Call(Customer, VerifyCode, Args(("code", code)));
        }
        if (awaiting is Awaiting.SecondFactor or Awaiting.Code && TextMe().IsMatch(heard.Text))
        {
            return new DialogStep.Call(Customer, SendVerificationCode, Args());
        }
        return null;
    }

    DialogStep OnCodeSent(VerificationCodeSent sent) =>
        Ask(Awaiting.Code, $"I've texted a six-digit code to the number ending in {sent.PhoneEnding}. What is the code?");

    DialogStep OnCodeRefused(Refusal refusal) => refusal == CustomerPlugin.WrongCode
        ? Ask(Awaiting.Code, $"{refusal.Reason} Could you read me the code again?")
        : Ask(Awaiting.SecondFactor, $"{refusal.Reason} I can text you a new code, or you can give me the other details instead.");

    /// <summary>Six digits said one by one or together ("one two three, four five six").</summary>
    static string? CodeIn(Utterance heard)
    {
        var digits = string.Concat(heard.Numbers);
        return digits.Length == 6 ? digits : null;
    }

    [GeneratedRegex(@"\b(text|send|sms|message)\b.*\b(code|it|me)\b|\bcode\b.*\b(text|sms)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TextMe();
}
