using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dce.ServiceDefaults.Api;

/// <summary>
/// A request body that may be read up to a limit: the endpoint's <see cref="IRequestSizeLimitMetadata"/> when it has one,
/// else the service's default. The limit is settled at the first read, once routing chose the endpoint (this stream is
/// put in place before routing runs). A declared length above it is refused before a byte is read; a body without one
/// (chunked) is refused when its count passes it. Either way the endpoint sees a
/// <see cref="BadHttpRequestException"/> with 413, answered as ProblemDetails.
/// </summary>
internal sealed class LimitedRequestBody(HttpContext context, long defaultMaxBytes) : Stream
{
    /// <summary>
    /// Where the refusal's wording is kept for the ProblemDetails: a model binder that catches the exception answers the
    /// status alone, and the status-code page then says what to fix from here.
    /// </summary>
    public const string RefusalItem = "Dce.RequestBodyRefusal";

    private readonly Stream _inner = context.Request.Body;
    private long? _limit;
    private bool _settled;
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(Settle(buffer), cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(Settle(buffer.AsMemory(offset, count)).Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private Memory<byte> Settle(Memory<byte> buffer)
    {
        if (_settled)
        {
            return buffer;
        }

        _settled = true;
        _limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit
            ? endpointLimit.MaxRequestBodySize
            : defaultMaxBytes;
        if (_limit is not { } limit)
        {
            return buffer;
        }

        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }

        return buffer;
    }

    private int Count(int read)
    {
        _read += read;
        if (_limit is { } limit && _read > limit)
        {
            throw TooLarge(limit);
        }

        return read;
    }

    private BadHttpRequestException TooLarge(long limit)
    {
        var refusal = $"The request body is larger than {limit} bytes; send a smaller one.";
        context.Items[RefusalItem] = refusal;
        return new BadHttpRequestException(refusal, StatusCodes.Status413PayloadTooLarge);
    }
}
