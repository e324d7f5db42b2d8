using System.Runtime.InteropServices;

namespace ReviewBot.Ranking.Onnx;

/// <summary>
/// Owns one ONNX Runtime object and releases it with the C API's matching <c>Release…</c> function, exactly once,
/// after the last <see cref="SafeHandle.DangerousAddRef"/> holder is done with it.
/// </summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged[Cdecl]<nint, void> _release;

    public OrtHandle(nint handle, delegate* unmanaged[Cdecl]<nint, void> release)
        : base(0, ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}

/// <summary>Keeps a <see cref="SafeHandle"/> alive (and its pointer valid) for the length of a native call.</summary>
internal ref struct HandleLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    public HandleLease(SafeHandle handle)
    {
        _handle = handle;
        _handle.DangerousAddRef(ref _added);
        Pointer = _handle.DangerousGetHandle();
    }

    public nint Pointer { get; }

    public void Dispose()
    {
        if (_added)
        {
            _handle.DangerousRelease();
            _added = false;
        }
    }
}
