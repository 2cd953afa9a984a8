namespace VoiceGrains.Testing;

/// <summary>
/// ../shared/testdata beside the checkout: real recordings and protocol captures nobody here wrote. They are
/// read in place, never copied into the repository; tests that need them skip, saying so, only when it is absent.
/// </summary>
public static class SharedData
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "testdata"));

    public static bool Exists => Directory.Exists(Folder);

    public const string AbsentReason = "../shared/testdata is absent beside this checkout (it holds the real recordings these tests use)";

    /// <summary>The skip reason for a test that needs the folder: null where it is present.</summary>
    public static string? SkipReason => Exists ? null : AbsentReason;

    public static string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);
}
