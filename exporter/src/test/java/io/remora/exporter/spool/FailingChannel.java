package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel on a disk that holds only {@code budget} more bytes: the write that crosses
 * it writes what fits, the next one fails with ENOSPC's message, as a full disk does. Truncation
 * can be made to fail too.
 */
final class FailingChannel extends FileChannel {

    private final FileChannel delegate;
    private final AtomicLong budget;
    private final AtomicBoolean truncateFails;

    FailingChannel(FileChannel delegate, AtomicLong budget, AtomicBoolean truncateFails) {
        this.delegate = delegate;
        this.budget = budget;
        this.truncateFails = truncateFails;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        long left = budget.get();
        if (left <= 0) {
            throw new IOException("No space left on device");
        }
        int length = (int) Math.min(src.remaining(), left);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + length);
        int written = delegate.write(part, position);
        src.position(src.position() + written);
        budget.addAndGet(-written);
        return written;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (truncateFails.get()) {
            throw new IOException("Input/output error");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new UnsupportedOperationException("the spool writes at positions");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the spool writes at positions");
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("the spool writes at positions");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
