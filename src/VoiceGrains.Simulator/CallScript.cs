namespace VoiceGrains.Simulator;

/// <summary>
/// A call script: one caller turn per line. A line is words to speak, or a <c>.wav</c> file (relative to the
/// script) to play; <c>[keys] 12#</c> presses keys; a <c>[barge-in]</c> prefix speaks the line while the agent is
/// still talking. Empty lines and lines starting with # are skipped.
/// </summary>
public sealed class CallScript
{
    const string BargeInTag = "[barge-in]";
    const string KeysTag = "[keys]";

    CallScript(IReadOnlyList<ScriptLine> lines) => Lines = lines;

    public IReadOnlyList<ScriptLine> Lines { get; }

    /// <summary>What the caller says, in order: the lines a recognizer hears (keys are not speech).</summary>
    public IEnumerable<ScriptLine> Utterances => Lines.Where(l => l.Kind != ScriptLineKind.Keys);

    /// <exception cref="FormatException">A line that cannot be a caller turn, or a script with none.</exception>
    public static CallScript Load(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var lines = new List<ScriptLine>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }
            lines.Add(Parse(text, folder, $"{path}:{number}"));
        }
        if (lines.Count == 0)
        {
            throw new FormatException($"{path}: no caller lines (one per line; # starts a comment).");
        }
        return new CallScript(lines);
    }

    static ScriptLine Parse(string text, string folder, string where)
    {
        var bargeIn = text.StartsWith(BargeInTag, StringComparison.OrdinalIgnoreCase);
        if (bargeIn)
        {
            text = text[BargeInTag.Length..].Trim();
        }
        if (text.StartsWith(KeysTag, StringComparison.OrdinalIgnoreCase))
        {
            var keys = text[KeysTag.Length..].Trim();
            if (keys.Length == 0 || !keys.All(k => char.IsAsciiDigit(k) || k is '*' or '#'))
            {
                throw new FormatException($"{where}: [keys] takes telephone keys (0-9, * and #), got '{keys}'.");
            }
            return new ScriptLine(ScriptLineKind.Keys, keys, bargeIn);
        }
        if (text.Length == 0)
        {
            throw new FormatException($"{where}: [barge-in] needs words or a WAV file after it.");
        }
        return text.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)
            ? new ScriptLine(ScriptLineKind.Audio, Path.GetFullPath(Path.Combine(folder, text)), bargeIn)
            : new ScriptLine(ScriptLineKind.Say, text, bargeIn);
    }
}
