using System.Runtime.Versioning;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using VoiceGrains.Audio;
using VoiceGrains.Frontend.Recordings;

namespace VoiceGrains.Frontend.Tests;

public sealed class RecordingStoreTests
{
    [Fact]
    public void RecordingsPastTheRetentionPeriodAreDeletedAndNewerOnesKept()
    {
        var folder = Directory.CreateTempSubdirectory("retention-").FullName;
        var store = new RecordingStore(Options.Create(new RecordingOptions { Directory = folder, RetentionDays = 30 }),
            new HostingEnvironment { ContentRootPath = folder }, TimeProvider.System);
        using var recording = store.Begin();
        recording.AddCaller(0, new byte[160]);
        const string oldSid = "CA" + "0000000000000000000000000000000a";
        var old = store.Save(oldSid, recording);
        var recent = store.Save("CA" + "0000000000000000000000000000000b", recording);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-31));
        File.SetLastWriteTimeUtc(Path.Combine(folder, oldSid + "-caller.wav"), DateTime.UtcNow.AddDays(-31));

        var deleted = store.DeleteExpired();

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Throws<ArgumentException>(() => store.Save("../escape", recording));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void RecordingsAreReadableByTheFrontEndsUserAlone()
    {
        var parent = Directory.CreateTempSubdirectory("recordings-").FullName;
        var folder = Path.Combine(parent, "recordings");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);      // made by an older version: 0755
        var store = new RecordingStore(Options.Create(new RecordingOptions { Directory = folder }),
            new HostingEnvironment { ContentRootPath = parent }, TimeProvider.System);
        using var recording = store.Begin();
        recording.AddCaller(0, new byte[160]);

        var mixed = store.Save("CA" + "0000000000000000000000000000000c", recording);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.All(Directory.GetFiles(folder, "*", SearchOption.AllDirectories),
            file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        Assert.True(File.Exists(mixed));
        Directory.Delete(parent, recursive: true);
    }

    [Fact]
    public void ARecordingSavedAgainForTheSameCallFollowsTheEarlierPartAndABrokenEarlierPartIsLeftAsItWas()
    {
        var folder = Directory.CreateTempSubdirectory("moved-").FullName;
        var store = new RecordingStore(Options.Create(new RecordingOptions { Directory = folder }),
            new HostingEnvironment { ContentRootPath = folder }, TimeProvider.System);
        const string sid = "CA" + "0000000000000000000000000000000d";
        using var first = store.Begin();
        for (var ms = 0; ms < 1000; ms += 20)
        {
            first.AddCaller(ms, Enumerable.Repeat((byte)0x10, 160).ToArray());     // loud: μ-law 0x10 is far from silence
        }
        using var second = store.Begin();
        second.AddCaller(0, new byte[4000]);                                         // 0.5 s

        store.Save(sid, first);
        var mixed = store.Save(sid, second);

        var whole = WavFile.Read(mixed);
        Assert.Equal(TimeSpan.FromSeconds(1.5), whole.Duration);
        Assert.True(whole.Samples.Take(8000).All(s => Math.Abs(s) > 0.1f), "the first part comes first");
        Assert.Equal(TimeSpan.FromSeconds(1.5), WavFile.Read(Path.Combine(folder, sid + "-caller.wav")).Duration);
        Assert.Empty(Directory.GetFiles(folder, "*.next"));

        File.WriteAllText(mixed, "not a wav");
        Assert.Throws<FormatException>(() => store.Save(sid, second));
        Assert.Empty(Directory.GetFiles(folder, "*.next"));
        Assert.Equal("not a wav", File.ReadAllText(mixed));
        Directory.Delete(folder, recursive: true);
    }
}
