namespace VoiceGrains.Speech.Stt;

/// <summary>
/// Whisper's initial prompt from the business's names, most important first. Whisper reads at most 224 prompt
/// tokens; names past <see cref="MaxCharacters"/> (a safe bound for English, ~4 characters a token) are left out.
/// </summary>
public static class WhisperPrompt
{
    public const int MaxCharacters = 600;

    public static string FromNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var prompt = new System.Text.StringBuilder();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var next = prompt.Length == 0 ? name : ", " + name;
            if (prompt.Length + next.Length + 1 > MaxCharacters)
            {
                break;
            }
            prompt.Append(next);
        }
        return prompt.Length == 0 ? "" : prompt.Append('.').ToString();
    }
}
