using VoiceGrains.Simulator;

namespace VoiceGrains.Simulator.Tests;

public sealed class CallScriptTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("voicegrains-script-").FullName;

    [Fact]
    public void ReadsWordsWavFilesKeysAndBargeInsSkippingCommentsAndBlankLines()
    {
        var script = Load("# a comment", "", "Where is my order?", "[barge-in] Stop, please.", "[keys] 10002#", "clips/hello.wav");

        Assert.Equal(
            [
                new ScriptLine(ScriptLineKind.Say, "Where is my order?", false),
                new ScriptLine(ScriptLineKind.Say, "Stop, please.", true),
                new ScriptLine(ScriptLineKind.Keys, "10002#", false),
                new ScriptLine(ScriptLineKind.Audio, Path.Combine(folder, "clips", "hello.wav"), false),
            ],
            script.Lines);
        Assert.Equal(3, script.Utterances.Count());
    }

    [Theory]
    [InlineData("[keys] 12a", "telephone keys")]
    [InlineData("[barge-in]", "needs words")]
    [InlineData("# only a comment", "no caller lines")]
    public void RefusesWhatCannotBeACallerTurnSayingWhere(string line, string reason)
    {
        var refused = Assert.Throws<FormatException>(() => Load(line));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    CallScript Load(params string[] lines)
    {
        var path = Path.Combine(folder, "call.txt");
        File.WriteAllLines(path, lines);
        return CallScript.Load(path);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
