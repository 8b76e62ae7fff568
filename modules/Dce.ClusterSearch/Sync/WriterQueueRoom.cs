namespace Dce.ClusterSearch.Sync;

/// <summary>
/// Room in the writer's queue, counted in changes: a listed page takes room for all its objects in one step, so a hundred
/// syncs waiting on a full queue wake once per page rather than once per object. Waiters are served in order; a change
/// larger than the whole room still goes in alone when the queue is empty.
/// </summary>
internal sealed class WriterQueueRoom(int capacity)
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private int _taken;

    /// <summary>Changes queued or being written.</summary>
    public int Taken
    {
        get
        {
            lock (_gate)
            {
                return _taken;
            }
        }
    }

    /// <summary>Takes room for <paramref name="count"/> changes, waiting while the queue is full.</summary>
    public Task TakeAsync(int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && Fits(count))
            {
                _taken += count;
                return Task.CompletedTask;
            }

            node = _waiting.AddLast(new Waiter(count));
        }

        // Registered outside the lock (a token cancelled meanwhile runs the callback at once, which takes the lock); a
        // waiter admitted or cancelled before its registration is kept has no use for it.
        var registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        lock (_gate)
        {
            if (node.List is not null)
            {
                node.Value.Cancellation = registration;
                registration = default;
            }
        }

        registration.Dispose();
        return node.Value.Done.Task;
    }

    /// <summary>Gives back the room of <paramref name="count"/> changes once they are written.</summary>
    public void Return(int count)
    {
        List<Waiter> admitted;
        lock (_gate)
        {
            _taken -= count;
            admitted = AdmitWaiting();
        }

        Release(admitted);
    }

    private bool Fits(int count) => _taken == 0 || _taken + count <= capacity;

    private List<Waiter> AdmitWaiting()
    {
        var admitted = new List<Waiter>();
        while (_waiting.First is { } first && Fits(first.Value.Count))
        {
            _waiting.RemoveFirst();
            _taken += first.Value.Count;
            admitted.Add(first.Value);
        }

        return admitted;
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        List<Waiter> admitted;
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }

            // The waiter leaving may have held back smaller ones behind it.
            _waiting.Remove(node);
            admitted = AdmitWaiting();
        }

        node.Value.Done.TrySetCanceled(cancellationToken);
        Release(admitted);
    }

    // Outside the lock: disposing a registration waits for its callback, which takes the lock.
    private static void Release(List<Waiter> admitted)
    {
        foreach (var waiter in admitted)
        {
            waiter.Cancellation.Dispose();
            waiter.Done.TrySetResult();
        }
    }

    private sealed class Waiter(int count)
    {
        public int Count { get; } = count;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
