package io.remora.agent.instrument.inline;

/** Defines one class from the bytes given (a woven class file), everything else from the tests' loader. */
public final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    public OneClassLoader(String name, byte[] classFile) {
        super(OneClassLoader.class.getClassLoader());
        this.name = name;
        this.classFile = classFile;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (!className.equals(name)) {
            return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
        }
    }
}
