using System.Diagnostics;

namespace VoiceGrains.Benchmarks;

/// <summary>CPU time (user + system) the OS has given a process so far, read fresh.</summary>
static class ProcessCpu
{
    public static TimeSpan Used(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
