using VoiceGrains.Audio;
using VoiceGrains.Speech.Models;

namespace VoiceGrains.Cli;

/// <summary>Turns the errors a user can fix (bad audio, missing model) into one line and exit code 2, never a stack trace.</summary>
static class CliErrors
{
    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is AudioFormatException or ModelNotInstalledException or UnknownModelException or ModelVerificationException)
        {
            Console.Error.WriteLine($"voicegrains: {e.Message}");
            return 2;
        }
    }
}
