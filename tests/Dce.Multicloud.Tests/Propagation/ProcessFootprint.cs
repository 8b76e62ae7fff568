using System.Diagnostics;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>This process's CPU time and memory: sampled every 500 ms for the peaks, read between phases for the CPU used.</summary>
public sealed class ProcessFootprint : IAsyncDisposable
{
    private readonly Process process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peakHeap;
    private long peakWorkingSet;

    public ProcessFootprint() => sampling = SampleAsync();

    public long PeakGcHeapBytes => Interlocked.Read(ref peakHeap);

    public long PeakWorkingSetBytes => Interlocked.Read(ref peakWorkingSet);

    public long GcHeapBytes => GC.GetTotalMemory(forceFullCollection: false);

    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>Starts measuring a phase: its CPU time, wall time, allocations and collections until <see cref="Phase.ToString"/>.</summary>
    public Phase Begin()
    {
        process.Refresh();
        return new Phase(process, process.TotalProcessorTime, Stopwatch.StartNew(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
        process.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            InterlockedMax(ref peakHeap, GcHeapBytes);
            InterlockedMax(ref peakWorkingSet, WorkingSetBytes);
            try
            {
                await Task.Delay(500, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>One measured phase; its text is the CPU (cores used on average), allocation rate and full collections so far.</summary>
    public sealed class Phase(Process process, TimeSpan cpuAtStart, Stopwatch wall, long allocatedAtStart, int gen2AtStart)
    {
        public TimeSpan Elapsed => wall.Elapsed;

        public override string ToString()
        {
            process.Refresh();
            var seconds = wall.Elapsed.TotalSeconds;
            var cpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds;
            return $"{seconds:F1} s wall, {cpu:F1} s CPU = {cpu / seconds:F2} cores, allocated {(GC.GetTotalAllocatedBytes() - allocatedAtStart) / seconds / 1e6:F0} MB/s, " +
                $"{GC.CollectionCount(2) - gen2AtStart} gen-2 collections";
        }
    }
}
