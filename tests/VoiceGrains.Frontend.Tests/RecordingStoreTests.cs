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
        var recording = new CallRecording();
        recording.AddCaller(0, new byte[160]);
        var old = store.Save("CAold", recording);
        var recent = store.Save("CArecent", recording);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-31));
        File.SetLastWriteTimeUtc(Path.Combine(folder, "CAold-caller.wav"), DateTime.UtcNow.AddDays(-31));

        var deleted = store.DeleteExpired();

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Throws<ArgumentException>(() => store.Save("../escape", recording));
        Directory.Delete(folder, recursive: true);
    }
}
