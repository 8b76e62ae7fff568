namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// Holds a handler's response body so it can be kept for replay, or dropped for another answer. Past the limit it
/// stops holding: what it has and everything after goes to the client, and the response is not kept.
/// </summary>
internal sealed class ResponseCapture(Stream inner, int limit) : Stream
{
    private readonly MemoryStream _held = new();

    /// <summary>The body passed the limit and went to the client as it was written.</summary>
    public bool Overflowed { get; private set; }

    public byte[] Held => _held.ToArray();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Overflowed && _held.Length + buffer.Length <= limit)
        {
            _held.Write(buffer.Span);
            return;
        }

        await OverflowAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Overflowed ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Sends what is held to the client.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) => Overflowed ? Task.CompletedTask : WriteHeldAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task OverflowAsync(CancellationToken cancellationToken)
    {
        if (Overflowed)
        {
            return;
        }

        Overflowed = true;
        await WriteHeldAsync(cancellationToken);
        _held.SetLength(0);
    }

    private async Task WriteHeldAsync(CancellationToken cancellationToken)
    {
        if (_held.Length > 0)
        {
            await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
        }
    }
}
