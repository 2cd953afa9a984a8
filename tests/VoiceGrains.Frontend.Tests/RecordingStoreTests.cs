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
}
