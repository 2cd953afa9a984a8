namespace VoiceGrains.Audio;

/// <summary>Files of callers' audio: created readable and writable by this process's user alone (0600).</summary>
public static class PrivateFile
{
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileOptions options = FileOptions.None)
    {
        var settings = new FileStreamOptions { Mode = mode, Access = access, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            settings.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(path, settings);
    }
}
