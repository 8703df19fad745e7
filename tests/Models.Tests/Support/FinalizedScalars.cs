using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Runner.Models.Tests;

/// <summary>
/// Counts the TorchSharp Scalars that reach the finalizer, from the runtime's own FinalizeObject events.
/// A Scalar left to the finalizer was garbage while libtorch could still be reading it (see
/// KeptScalars); code that trains while another run trains must leave none. Use inside the Torch
/// collection, so that no other test makes Scalars meanwhile.
/// </summary>
public sealed class FinalizedScalars : EventListener
{
    const EventKeywords GcKeyword = (EventKeywords)0x1;
    readonly long _scalarType = MethodTableOf(1.0.ToScalar());
    readonly long _markerType = MethodTableOf(new Marker());
    readonly SemaphoreSlim _markers = new(0);
    long _count;

    /// <summary>Finalized after everything that was garbage before it: its event says the earlier events have arrived.</summary>
    sealed class Marker
    {
        ~Marker() { }
    }

    /// <summary>Scalars finalized since this listener started (or was reset), after every pending finalizer has run.</summary>
    public long Count
    {
        get
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            // Events reach a listener on another thread, in order: wait for the marker's, finalized after the rest.
            AbandonMarker();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.True(_markers.Wait(TimeSpan.FromMinutes(2)), "the runtime's FinalizeObject events did not arrive");
            return Interlocked.Read(ref _count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void AbandonMarker() => _ = new Marker();

    /// <summary>
    /// Settles what earlier code left behind; counts from zero afterwards. A Scalar held by another
    /// finalizable object becomes garbage only after that object's finalizer has run, a collection later,
    /// and may be finalized after the marker of that collection: so settle until a whole round finds none.
    /// </summary>
    public void Reset()
    {
        long settled = Count;
        for (int round = 0; round < 20; round++)
        {
            long now = Count;
            if (now == settled) break;
            settled = now;
        }
        Interlocked.Exchange(ref _count, 0);
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "FinalizeObject" || e.Payload is null || e.PayloadNames is null) return;
        long type = e.Payload[e.PayloadNames.IndexOf("TypeID")] switch { nint n => n, nuint u => (long)u, ulong l => (long)l, var o => Convert.ToInt64(o) };
        if (type == _scalarType) Interlocked.Increment(ref _count);
        else if (type == _markerType) _markers.Release();
    }

    /// <summary>The runtime's type id of an object (its method table: the first word of the object).</summary>
    static long MethodTableOf(object o) => Marshal.ReadIntPtr(Unsafe.As<object, nint>(ref o));
}
