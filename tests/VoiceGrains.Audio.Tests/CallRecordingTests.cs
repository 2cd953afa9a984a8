using System.Runtime.Versioning;
namespace VoiceGrains.Audio.Tests;

public sealed class CallRecordingTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("recording-").FullName;

    (AudioClip Mixed, AudioClip Caller) WriteAndRead(CallRecording recording)
    {
        using (var mixed = File.Create(Path.Combine(folder, "mixed.wav")))
        using (var caller = File.Create(Path.Combine(folder, "caller.wav")))
        {
            recording.Write(mixed, caller);
        }
        return (WavFile.Read(Path.Combine(folder, "mixed.wav")), WavFile.Read(Path.Combine(folder, "caller.wav")));
    }

    [Fact]
    public void BothDirectionsLandWhereTheyWereHeardAndTheMixIsTheirSum()
    {
        using var recording = new CallRecording(folder);
        var callerFrame = MuLaw.EncodeFromFloat(Enumerable.Repeat(0.25f, 160).ToArray());
        var agentFrame = MuLaw.EncodeFromFloat(Enumerable.Repeat(-0.125f, 160).ToArray());
        recording.AddCaller(timestampMs: 100, callerFrame);
        recording.AddAgent(TimeSpan.FromMilliseconds(100), agentFrame);
        recording.AddAgent(TimeSpan.FromMilliseconds(50), agentFrame);       // sent early: plays after the previous frame

        var (mixed, caller) = WriteAndRead(recording);

        Assert.Equal(TimeSpan.FromMilliseconds(140), recording.Duration);
        Assert.Equal(1120, mixed.Samples.Length);
        Assert.Equal(0f, caller.Samples[799]);
        Assert.Equal(0.25f, caller.Samples[800], 0.01f);
        Assert.Equal(0.125f, mixed.Samples[800], 0.01f);                     // caller + agent
        Assert.Equal(-0.125f, mixed.Samples[1000], 0.01f);                   // the agent's second frame alone
        Assert.Equal(0f, caller.Samples[1000]);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void AudioClaimingToBeTwoHoursInIsNotRecordedAndTheScratchFilesArePrivateAndGoAway()
    {
        var recording = new CallRecording(folder);
        recording.AddCaller(timestampMs: 0, new byte[160]);
        recording.AddCaller(timestampMs: (long)CallRecording.MaxDuration.TotalMilliseconds, new byte[160]);

        var scratch = Directory.GetFiles(folder, "*.pcm");
        Assert.Equal(TimeSpan.FromMilliseconds(20), recording.Duration);
        Assert.Single(scratch);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(scratch[0]));
        Assert.True(new FileInfo(scratch[0]).Length <= 320);
        recording.Dispose();
        Assert.Empty(Directory.GetFiles(folder, "*.pcm"));
    }

    [Fact]
    public void AnEmptyRecordingSaysSoAndMakesNoFiles()
    {
        using var recording = new CallRecording(folder);
        Assert.True(recording.IsEmpty);
        Assert.Empty(Directory.GetFiles(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
