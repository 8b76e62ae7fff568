using System.Text;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>A minimal protocol buffers reader: enough to walk the fields of a Kubernetes protobuf body.</summary>
public ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public bool TryReadField(out int number, out int wireType)
    {
        if (position >= data.Length)
        {
            number = 0;
            wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        number = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw ApiException.BadRequest("the protobuf body is truncated");
            }
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw ApiException.BadRequest("the protobuf body has a malformed varint");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = (int)ReadVarint();
        if (length < 0 || position + length > data.Length)
        {
            throw ApiException.BadRequest("the protobuf body is truncated");
        }
        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                position += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                position += 4;
                break;
            default:
                throw ApiException.BadRequest($"the protobuf body uses unsupported wire type {wireType}");
        }
    }
}
