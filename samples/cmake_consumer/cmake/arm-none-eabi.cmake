# Cortex-M4F (ARMv7E-M, single-precision FPU, hard-float ABI) with the GNU Arm
# Embedded toolchain and newlib: Debian's gcc-arm-none-eabi,
# libnewlib-arm-none-eabi and libstdc++-arm-none-eabi-newlib.
#
#   cmake -S . -B build-m4 -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake ...
#
# gradc_add_gradient sees CMAKE_CROSSCOMPILING and makes gradc (which runs on
# the host) parse with --target=arm-none-eabi, the -mcpu/-mfpu/-mfloat-abi
# flags below and the cross compiler's C++ header directories.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)

set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(CMAKE_CXX_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -fno-exceptions -fno-rtti")
# No board support package: link against newlib's stub system calls. The
# result links but is not meant to run as is.
set(CMAKE_EXE_LINKER_FLAGS_INIT "--specs=nosys.specs")
# The compiler checks cannot link a program for a bare board.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Libraries and headers for the board come from its sysroot only; programs
# (and host tools such as gradc) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/lib/arm-none-eabi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
