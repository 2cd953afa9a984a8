using System.Runtime.InteropServices;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// The few entry points of libespeak-ng (Debian's libespeak-ng1, espeak-ng 1.51) the built-in voice needs,
/// declared from speak_lib.h. No maintained .NET binding of the library exists, and a subprocess per
/// sentence would cost a process start on every reply.
/// </summary>
static unsafe partial class EspeakNative
{
    const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int InitializeDontExit = 0x8000;
    public const uint CharsUtf8 = 1;
    public const uint EndPause = 0x1000;
    public const int PositionCharacter = 1;
    public const int ParameterRate = 1;
    public const int PhonemesIpa = 0x02;
    public const int TextModeUtf8 = 1;

    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferMilliseconds, string? path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, nint, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, nint userData);

    [LibraryImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    public static partial nint TextToPhonemes(byte** text, int textMode, int phonemeMode);
}
