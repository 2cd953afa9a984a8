namespace VoiceGrains.Audio.Tests;

public sealed class CallRecordingTests
{
    [Fact]
    public void BothDirectionsLandWhereTheyWereHeardAndTheMixIsTheirSum()
    {
        var recording = new CallRecording();
        var callerFrame = MuLaw.EncodeFromFloat(Enumerable.Repeat(0.25f, 160).ToArray());
        var agentFrame = MuLaw.EncodeFromFloat(Enumerable.Repeat(-0.125f, 160).ToArray());
        recording.AddCaller(timestampMs: 100, callerFrame);
        recording.AddAgent(TimeSpan.FromMilliseconds(100), agentFrame);
        recording.AddAgent(TimeSpan.FromMilliseconds(50), agentFrame);       // sent early: plays after the previous frame
        var folder = Directory.CreateTempSubdirectory("recording-").FullName;

        recording.Write(Path.Combine(folder, "mixed.wav"), Path.Combine(folder, "caller.wav"));
        var mixed = WavFile.Read(Path.Combine(folder, "mixed.wav"));
        var caller = WavFile.Read(Path.Combine(folder, "caller.wav"));
        Directory.Delete(folder, recursive: true);

        Assert.Equal(TimeSpan.FromMilliseconds(140), recording.Duration);
        Assert.Equal(1120, mixed.Samples.Length);
        Assert.Equal(0f, caller.Samples[799]);
        Assert.Equal(0.25f, caller.Samples[800], 0.01f);
        Assert.Equal(0.125f, mixed.Samples[800], 0.01f);                     // caller + agent
        Assert.Equal(-0.125f, mixed.Samples[1000], 0.01f);                   // the agent's second frame alone
        Assert.Equal(0f, caller.Samples[1000]);
    }

    [Fact]
    public void AnEmptyRecordingSaysSo() => Assert.True(new CallRecording().IsEmpty);
}
